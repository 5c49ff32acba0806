// The one reader of FEATURE map specs ("class [flags] file"), shared by the stale-database
// check, the route model and the Rebuild commands.
import * as assert from 'node:assert';
import { parseMapSpec, databaseFor, withoutDbExtension } from '../../../server/src/service/tables/mapSpec';
import { dbPathFor } from '../../../server/src/service/tables/env';
import { mapSourcePath } from '../../../server/src/service/route/load';
import { openMap, byCode } from './tableHelpers';

describe('tables: map specs', () => {
  it('reads class, file and key flags; the class defaults to DATABASE_MAP_TYPE', () => {
    assert.deepStrictEqual(parseMapSpec('btree -o -T<TMPF> /etc/mail/access.db'), { type: 'btree', file: '/etc/mail/access.db', keyFlags: [] });
    assert.deepStrictEqual(parseMapSpec('hash -N -f /etc/mail/mt'), { type: 'hash', file: '/etc/mail/mt', keyFlags: ['-N', '-f'] });
    assert.deepStrictEqual(parseMapSpec(undefined, 'btree'), { type: 'btree', file: undefined, keyFlags: [] });
    assert.deepStrictEqual(parseMapSpec('-o /srv/mail/mt', 'cdb'), { type: 'cdb', file: '/srv/mail/mt', keyFlags: [] });
    assert.strictEqual(parseMapSpec('LDAP').type, 'ldap');
    // a flag's separate value is not the file; a bare word is not a path
    assert.strictEqual(parseMapSpec('ldap -1 -v mailHost -k (uid=%0)').file, undefined);
    assert.strictEqual(parseMapSpec('hash mailertable').file, undefined);
  });

  it('database names per class', () => {
    assert.strictEqual(databaseFor('hash', '/etc/mail/access'), '/etc/mail/access.db');
    assert.strictEqual(databaseFor('cdb', '/etc/mail/access'), '/etc/mail/access.cdb');
    assert.strictEqual(databaseFor('btree', '/etc/mail/access.db'), '/etc/mail/access.db');
    assert.strictEqual(withoutDbExtension('/etc/mail/access.cdb'), '/etc/mail/access');
  });

  it('the stale check compares the database the spec names only beside its source', () => {
    assert.strictEqual(dbPathFor('/etc/mail/access', 'btree -T<TMPF> /etc/mail/access.db'), '/etc/mail/access.db');
    assert.strictEqual(dbPathFor('/home/me/repo/access', 'hash /etc/mail/access'), '/home/me/repo/access.db');
    assert.strictEqual(dbPathFor('/etc/mail/access', undefined, 'cdb'), '/etc/mail/access.cdb');
    assert.strictEqual(dbPathFor('/etc/mail/access', 'ldap -1 -v x'), undefined);
    assert.strictEqual(mapSourcePath('hash -o /srv/mt.db', '/etc/mail/mailertable'), '/srv/mt');
  });

  it('a cdb DATABASE_MAP_TYPE: the stale check looks at access.cdb', () => {
    const mc = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`DATABASE_MAP_TYPE', `cdb')dnl\nFEATURE(`access_db')dnl\nMAILER(`local')dnl\n";
    const mtimes = { '/etc/mail/access': 2000, '/etc/mail/access.cdb': 1000, '/etc/mail/access.db': 3000 };
    const d = byCode(openMap('sendmail-access', 'Connect:10.0.0.1\tREJECT\n', { mc, mtimes }).diags(), 'table.db-stale');
    assert.strictEqual(d.length, 1);
    assert.match(String(d[0].message), /access\.cdb is older/);
    assert.match(String(d[0].message), /makemap cdb /);
  });
});
