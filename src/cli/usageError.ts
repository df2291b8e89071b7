/** A mistake on the command line or in an input file: reported in one line, exit code 2. */
export class UsageError extends Error {}
