// Public entry of @ensign/event-pipeline: each export is named.
export {};
