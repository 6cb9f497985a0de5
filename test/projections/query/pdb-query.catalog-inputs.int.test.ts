import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { decodePdbCommand } from '../../../core/wire/pdb-command.decoder.js';
import { loadedEngine } from './query.fixture.js';

/** `replace_catalog_inputs` v1 as PuppetDB's terminus sends it, decoded as the command route decodes it. */
function inputsCommand(id: string, at: string, inputs: unknown): TroupeEvent {
  const decoded = decodePdbCommand(
    { command: 'replace_catalog_inputs', version: 1, certname: null, body: { certname: 'web1', catalog_uuid: `uuid-${id}`, producer_timestamp: at, inputs } },
    { id, now: at, meta: { source: 'test' } },
  );
  if (!decoded.ok) throw decoded.error;
  return decoded.value;
}

const newer = inputsCommand('b', '2026-03-01T11:00:00.000Z', [['hiera', 'ntp::servers'], ['hiera', 'motd']]);
const older = inputsCommand('a', '2026-03-01T10:00:00.000Z', [['hiera', 'old']]);
// The older command arrives last: the newest producer timestamp still wins.
const { engine, projection } = loadedEngine([newer, older]);
after(() => projection.close());

describe('replace_catalog_inputs', () => {
  it('is decoded and refused on malformed inputs', () => {
    assert.equal(newer.type, 'catalog_inputs_submitted');
    const bad = decodePdbCommand(
      { command: 'replace catalog inputs', version: 1, certname: null, body: { certname: 'web1', producer_timestamp: '2026-03-01T10:00:00Z', inputs: [['hiera']] } },
      { id: 'x', now: '2026-03-01T10:00:00Z', meta: { source: 'test' } },
    );
    assert.ok(!bad.ok);
    assert.match(bad.error.message, /inputs\[0\]|inputs\.0/);
  });

  it('answers catalog-inputs and catalog-input-contents with the newest inputs per node', async () => {
    assert.deepEqual((await engine.query(['from', 'catalog_inputs'], {})).rows, [{
      certname: 'web1', catalog_uuid: 'uuid-b', producer_timestamp: '2026-03-01T11:00:00.000Z', inputs: [['hiera', 'ntp::servers'], ['hiera', 'motd']],
    }]);
    const contents = await engine.query(['from', 'catalog_input_contents', ['=', 'type', 'hiera'], ['order_by', ['name']]], {});
    assert.deepEqual((contents.rows as { name: string }[]).map((r) => r.name), ['motd', 'ntp::servers']);
  });
});
