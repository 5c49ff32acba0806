// The processes the mail world started, killed when the test process exits without stopping
// the world (a failed hook, mocha interrupted): no sendmail daemon or dnsmasq outlives the
// tests. Only the ids recorded here are signalled (negative: a whole process group).
const live = new Set<number>();

process.on('exit', () => {
  for (const id of live) { try { process.kill(id, 'SIGKILL'); } catch { /* already gone */ } }
});

/** Records a pid (or -pgid); the returned function forgets it once the process has ended. */
export function track(id: number): () => void {
  live.add(id);
  return () => { live.delete(id); };
}
