// Public entry of @ensign/node-sdk: each export is named.
export {};
