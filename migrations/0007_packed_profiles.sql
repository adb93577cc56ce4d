-- Schema 6 -> 7: a recommendation's inference profile (some 150 concepts with their weights)
-- is one packed row instead of a row per concept: a third of the rows' bytes of a large KB.
-- The rows of inference_terms are packed into inference_profiles by the step's code
-- (kb/relevance/profile_store.cc, pack_inference_terms), which then drops inference_terms.
CREATE TABLE inference_vocabulary (
  id   INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE
);
CREATE TABLE inference_profiles (
  recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
  concepts          BLOB NOT NULL
);
