// Public entry of @ensign/example: each export is named.
export {};
