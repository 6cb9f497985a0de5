import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsrRejectedError } from '../../../../ops/ca/ca-errors.js';
import { isCertname, validateSubject } from '../../../../ops/ca/policy/certname.js';

describe('certname rules (puppetserver\'s validate-subject!)', () => {
  it('accepts what puppetserver accepts', () => {
    for (const name of ['web1.example.com', 'test_cert', 'a', 'x-1.y_2', '_under.score', 'trailing.dot.']) assert.ok(isCertname(name), name);
  });

  it('refuses what puppetserver refuses, and anything that could leave a directory', () => {
    for (const name of ['', 'Web1', 'ends-', '-starts', 'a..b', '.hidden', '*.example.com', 'a/b', '../ca_key', '..', 'sp ace', 'x;y', 'é.example.com']) {
      assert.ok(!isCertname(name), name);
    }
  });

  it('says why, in puppetserver\'s words', () => {
    const refusal = (certname: string, subject: string) => {
      try {
        validateSubject(certname, subject);
        return undefined;
      } catch (e) {
        assert.ok(e instanceof CsrRejectedError);
        return [e.kind, e.message];
      }
    };
    assert.deepEqual(refusal('a.example.com', 'b.example.com'), ['hostname-mismatch', 'Instance name "b.example.com" does not match requested key "a.example.com"']);
    assert.deepEqual(refusal('A.example.com', 'A.example.com'), ['invalid-subject-name', 'Certificate names must be lower case.']);
    assert.deepEqual(refusal('*.example.com', '*.example.com'), ['invalid-subject-name', 'Subject contains a wildcard, which is not allowed: *.example.com']);
    assert.deepEqual(refusal('bad_.-', 'bad_.-'), ['invalid-subject-name', 'Subject hostname format is invalid']);
    assert.equal(refusal('ok.example.com', 'ok.example.com'), undefined);
  });
});
