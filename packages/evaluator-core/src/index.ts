// Public entry of @ensign/evaluator-core: each export is named.
export {};
