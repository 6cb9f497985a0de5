import { TroupeError } from '../../core/errors/troupe-error.js';

/** Why puppetserver refuses a CSR (its `:kind`); each answers 400 with the message. */
export type CsrRejection =
  | 'unreadable-csr'
  | 'hostname-mismatch'
  | 'invalid-subject-name'
  | 'duplicate-cert'
  | 'invalid-signature'
  | 'disallowed-extension'
  | 'invalid-alt-name';

/** A certificate request the CA will not take or sign; the message is puppetserver's. */
export class CsrRejectedError extends TroupeError {
  constructor(readonly kind: CsrRejection, message: string) {
    super('csr_invalid', message);
  }
}

/** The CA directory cannot be used as it is (partial state, unreadable key). */
export class CaInvalidError extends TroupeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ca_invalid', message, options);
  }
}
