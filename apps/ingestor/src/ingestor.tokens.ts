/** Injection tokens of the ingestor module. */
export const INGESTOR_CONFIG = Symbol('INGESTOR_CONFIG');
export const INGEST_TOKEN = Symbol('INGEST_TOKEN');
export const PIPELINE_DEPS = Symbol('PIPELINE_DEPS');
