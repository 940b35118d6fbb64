// Public entry of @ensign/importers: each export is named.
export {};
