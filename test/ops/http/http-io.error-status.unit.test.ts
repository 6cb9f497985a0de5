import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_CODES, TroupeError } from '../../../core/errors/troupe-error.js';
import { errorAnswer } from '../../../ops/http/http-io.js';

test('errors the caller can act on get a 4xx or a 503 with Retry-After, the rest 500, each with its code', () => {
  const expected: Record<string, number> = { invalid_input: 400, forbidden: 403, not_found: 404, overloaded: 503, not_leader: 503, log_busy: 503, log_write_failed: 503, log_read_failed: 503 };
  for (const code of ERROR_CODES) {
    const answer = errorAnswer(new TroupeError(code, `why ${code}`));
    assert.equal(answer.status, expected[code] ?? 500, code);
    assert.equal(answer.code, code);
    assert.equal(answer.message, `why ${code}`);
    assert.equal(answer.headers['retry-after'] !== undefined, answer.status === 503, code);
  }
});
