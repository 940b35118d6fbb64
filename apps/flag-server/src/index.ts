// Public entry of flag-server: each export is named.
export {};
