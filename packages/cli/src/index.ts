// Public entry of @ensign/cli: each export is named.
export {};
