/**
 * The S3 identifiers the library takes as data (a bucket name): each pattern and the words for
 * what it allows, defined once for the fleet config (a backend's bucket) and the collector (the
 * hub's target list bucket). Pure.
 */

/** A general purpose bucket name: 3 to 63 of `a-z0-9.-`, a letter or digit at each end, not an IP address. */
export const S3_BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const S3_BUCKET_NAME_ALLOWED = '3 to 63 lowercase letters, digits, dots and hyphens';
