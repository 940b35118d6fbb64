// Public entry of @ensign/cookie-utils: each export is named.
export {};
