// Public entry of @ensign/context: each export is named.
export {};
