import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asJsonFloat, isJsonFloat, JsonFloat, parseJson, writeJson } from '../../../core/json/json-float.js';
import { formatFloat } from '../../../core/json/ruby-float.js';

describe('JSON with integral Floats', () => {
  it('writes a JsonFloat as Ruby JSON does, where plain JSON.stringify writes the number', () => {
    const value = { a: new JsonFloat(2), b: [1, new JsonFloat(1e20), 0.5, new JsonFloat(-0), new JsonFloat(1234567890123456789)] };
    assert.equal(writeJson(value), '{"a":2.0,"b":[1,1.0e+20,0.5,-0.0,1.2345678901234568e+18]}');
    assert.equal(JSON.stringify(value), '{"a":2,"b":[1,100000000000000000000,0.5,0,1234567890123456800]}');
  });

  it('writes what JSON.stringify writes when there is no Float, strings holding NULs and quotes included', () => {
    const value = { s: 'x"\u0000f:2.0"\\', n: [1, 2.5, null, true], o: {} };
    assert.equal(writeJson(value), JSON.stringify(value));
  });

  it('reads integral numbers written with a point as JsonFloats, outside strings only', () => {
    const v = parseJson('{"a": 2.0, "b": [1, 1.5, -3.00, 1.0e+3, 2.5E1, 1.25e1, 1e3, 1e+21], "s": "x:2.0,", "t": ["1.0"]}') as Record<string, unknown[]>;
    assert.ok(v['a'] instanceof JsonFloat && v['a'].value === 2);
    // Without a point an exponent is an Integer: JavaScript writes integers from 1e21 so.
    assert.deepEqual(v['b']!.map((x) => (x instanceof JsonFloat ? `F${x.value}` : x)), [1, 1.5, 'F-3', 'F1000', 'F25', 12.5, 1000, 1e21]);
    assert.equal(v['s'], 'x:2.0,');
    assert.deepEqual(v['t'], ['1.0']);
  });

  it('round-trips: what parseJson reads, writeJson writes back as Ruby would', () => {
    const text = '{"x":[1.0,2,0.5,-0.0,1.0e+20],"y":{"z":3.0}}';
    assert.equal(writeJson(parseJson(text)), text);
  });

  it('reads text without an integral Float exactly as JSON.parse does', () => {
    for (const text of ['{"a":1,"b":[0.5,"2.0"]}', '[]', '"1.0"', '{"k":"a:1e5,"}']) assert.deepEqual(parseJson(text), JSON.parse(text));
  });

  it('turns a number box left by a structured clone back into a JsonFloat, never a Hash', () => {
    const cloned = structuredClone({ f: new JsonFloat(1) }).f;
    assert.ok(isJsonFloat(cloned) && !(cloned instanceof JsonFloat));
    const back = asJsonFloat(cloned);
    assert.ok(back instanceof JsonFloat && back.value === 1);
    assert.equal(asJsonFloat('x'), 'x');
  });

  it('prints as Ruby Float#to_s', () => {
    assert.equal(String(new JsonFloat(1000)), '1000.0');
    assert.equal(`${new JsonFloat(1e16)}`, '1.0e+16');
    assert.equal(formatFloat(1.5e-5), '1.5e-05');
  });
});
