// Starts code-server with the packaged extension and a copy of examples/etc-mail.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer } from '../test/e2e/codeServer.mjs';

const workspace = join(mkdtempSync(join(tmpdir(), 'sendmail-demo-')), 'etc-mail');
cpSync(join(ROOT, 'examples/etc-mail'), workspace, { recursive: true });
const port = Number(process.env.PORT || 8080);
const cs = await startCodeServer({ workspace, port, extraArgs: ['--install-extension', join(ROOT, 'sendmail-config.vsix')] });
console.log(`\nSendmail demo: open ${cs.url}?folder=${encodeURIComponent(workspace)}\n(workspace: ${workspace}; Ctrl-C to stop)`);
const stop = async () => { await cs.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
