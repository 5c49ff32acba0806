// Which settings let CodeLenses and quick fixes carry commands that run programs: the client's
// own commands (clientCommands, VS Code) or the server's (allowPrograms, other editors) — one
// rule for both — and sendmail.codeLens.testRoute = false (routeLenses) turns the lenses off.
import * as assert from 'node:assert/strict';
import { openDoc } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service';

const routeLenses = (settings: ServiceSettings) => {
  const { svc, uri } = openDoc('sendmail-mailertable', 'example.com esmtp:[x]\n', '/etc/mail/mailertable');
  svc.settings = settings;
  return svc.codeLenses(uri).filter((l) => l.command?.command === 'sendmail.testRoute').length;
};

describe('route: when Test route CodeLenses are offered', () => {
  it('with the client\'s commands or the server\'s (allowPrograms), not without either', () => {
    assert.equal(routeLenses({}), 0);
    assert.equal(routeLenses({ clientCommands: true }), 1);
    assert.equal(routeLenses({ allowPrograms: true }), 1);
  });

  it('never when routeLenses is false (the VS Code setting sendmail.codeLens.testRoute)', () => {
    assert.equal(routeLenses({ clientCommands: true, routeLenses: false }), 0);
    assert.equal(routeLenses({ allowPrograms: true, routeLenses: false }), 0);
    assert.equal(routeLenses({ clientCommands: true, routeLenses: true }), 1);
  });
});
