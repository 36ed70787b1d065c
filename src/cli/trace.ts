// kubesim trace [-f] [--tail=N]: the requests the simulated data plane carried (curl, wget,
// nslookup from exec, port-forward), each with its hops: the DNS answer, kube-proxy's chains and
// chosen endpoint, the network-policy verdicts, the pod and what it answered, or where and why
// the request stopped. -f follows new records as other processes write them.
import { session } from './session';
import { out, err } from './io';
import { traceText, TraceRecord } from '../network/trace';
import { exitOnInterrupt, sleep } from './watch';

const USAGE = 'Usage: kubesim trace [-f|--follow] [--tail=N]\n';

export async function run(argv: string[]): Promise<number> {
  let follow = false;
  let tail = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-f' || a === '--follow' || a === '--follow=true') follow = true;
    else if (a === '--follow=false') follow = false;
    else if (a === '--tail' || a.startsWith('--tail=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (!/^-?\d+$/.test(v ?? '')) { err(`error: invalid argument "${v ?? ''}" for "--tail" flag: strconv.ParseInt: parsing "${v ?? ''}": invalid syntax\n`); return 1; }
      tail = Number(v);
    } else if (a === '-h' || a === '--help') { out(USAGE); return 0; }
    else { err(`error: unknown ${a.startsWith('-') ? 'flag' : 'argument'}: ${a}\n${USAGE}`); return 1; }
  }
  const s = session();
  const store = s.store;
  let last = 0;
  if (tail >= 0) last = Math.max(0, store.lastTraceId() - tail);
  const print = () => {
    for (;;) {
      const rows = store.tracesSince(last, 500);
      for (const r of rows) {
        last = r.id;
        const rec = JSON.parse(r.json) as TraceRecord;
        rec.id = r.id;
        out(traceText(rec));
      }
      if (rows.length < 500) return;
    }
  };
  print();
  if (!follow) return 0;
  exitOnInterrupt();
  for (;;) {
    await sleep(200);
    print();
  }
}
