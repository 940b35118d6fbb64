// Public entry of @ensign/datafile-schema: each export is named.
export {};
