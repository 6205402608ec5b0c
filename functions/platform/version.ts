/** Bumped with each release; reported by /health and in the OpenAPI document. */
export const RELAIS_VERSION = '0.1.0';
