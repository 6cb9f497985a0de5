import { CsrRejectedError } from '../ca-errors.js';

// Java's \p{Alnum} is ASCII only, as puppetserver matches it.
const STARTS_WELL = /^[A-Za-z0-9_]/;
const SEGMENT = /^[A-Za-z0-9_-]*[A-Za-z0-9_]$/;
const INVALID_FORMAT = 'Subject hostname format is invalid';

/**
 * puppetserver's `validate-subject!`: the CSR's CN must be the certname in
 * the URL, lower case, without wildcards, made of dot-separated segments of
 * letters, digits, `-` and `_` that neither start nor end badly. Throws
 * with puppetserver's message.
 */
export function validateSubject(certname: string, subject: string): void {
  if (certname !== subject) {
    throw new CsrRejectedError('hostname-mismatch', `Instance name "${subject}" does not match requested key "${certname}"`);
  }
  const problem = certnameProblem(subject);
  if (problem) throw new CsrRejectedError('invalid-subject-name', problem);
}

/** Whether a name can be a certname, so it is safe as a file name under the CA directory. */
export function isCertname(name: string): boolean {
  return certnameProblem(name) === undefined;
}

function certnameProblem(name: string): string | undefined {
  if (name !== name.toLowerCase()) return 'Certificate names must be lower case.';
  if (name.includes('*')) return `Subject contains a wildcard, which is not allowed: ${name}`;
  if (name.endsWith('-')) return INVALID_FORMAT;
  const segments = javaSplitOnDots(name);
  if (!STARTS_WELL.test(segments[0] ?? '') || !segments.every((s) => SEGMENT.test(s))) return INVALID_FORMAT;
  return undefined;
}

/** `String.split("\\.")` as Java does it: trailing empty segments dropped. */
function javaSplitOnDots(name: string): string[] {
  const parts = name.split('.');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  return parts;
}
