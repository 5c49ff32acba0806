import * as assert from 'node:assert';
import { nearest, editDistance, FEATURES, OPTIONS } from '../../../server/src/service/catalog';
import { mapNearest } from '../../../server/src/service/tables/env';

const features = FEATURES.map((f) => f.name);
const options = OPTIONS.map((o) => o.name);

describe('nearest()', () => {
  it('computes edit distances', () => {
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    assert.strictEqual(editDistance('', 'abc'), 3);
    assert.strictEqual(editDistance('same', 'same'), 0);
    assert.strictEqual(editDistance('esmpt', 'esmtp'), 1, 'two swapped neighbours are one slip');
    assert.strictEqual(editDistance('mailertabel', 'mailertable'), 1);
  });
  it('takes a stricter threshold and no substring matches when asked (map files)', () => {
    assert.strictEqual(mapNearest('RELYA', ['RELAY', 'REJECT']), 'RELAY');
    assert.strictEqual(mapNearest('Conect', ['Connect', 'From', 'To']), 'Connect');
    assert.strictEqual(mapNearest('MyTag', ['Connect', 'From', 'To']), undefined, "an admin's own tag is not a typo");
    assert.strictEqual(nearest('cw_file', ['use_cw_file']), 'use_cw_file');
    assert.strictEqual(nearest('cw_file', ['use_cw_file'], { substrings: false }), undefined);
  });
  it('suggests the intended feature for common typos', () => {
    assert.strictEqual(nearest('acess_db', features), 'access_db');
    assert.strictEqual(nearest('virtusertabel', features), 'virtusertable');
    assert.strictEqual(nearest('mailer_table', features), 'mailertable');
    assert.strictEqual(nearest('use_cw_files', features), 'use_cw_file');
    assert.strictEqual(nearest('Always_Add_Domain', features), 'always_add_domain');
  });
  it('suggests options', () => {
    assert.strictEqual(nearest('confMAX_DAEMON_CHILDEN', options), 'confMAX_DAEMON_CHILDREN');
    assert.strictEqual(nearest('confSMTP_LOGIN_MESSAGE', options), 'confSMTP_LOGIN_MSG');
  });
  it('returns undefined when nothing is close', () => {
    assert.strictEqual(nearest('foo', features), undefined);
    assert.strictEqual(nearest('completely_unrelated_thing', features), undefined);
    assert.strictEqual(nearest('', features), undefined);
    assert.strictEqual(nearest('x', []), undefined);
  });
  it('is quick and safe on huge input', () => {
    const t = Date.now();
    assert.strictEqual(nearest('a'.repeat(1_000_000), features), undefined);
    assert.strictEqual(nearest('\u0000\uffff'.repeat(50), options), undefined);
    assert.ok(Date.now() - t < 1000);
  });
});
