// Public entry of @ensign/sdk-core: each export is named.
export {};
