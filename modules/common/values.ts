/** Type guards for unknown input (config data, Lambda events), shared by the fleet config and the collector. */

/** A plain object (not null, not an array): what JSON calls an object. */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
