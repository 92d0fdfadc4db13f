// How busy the rest of the machine was while a test watched the clock: the CPU time of every
// process that is not this test's own (node and the Chromium it started), from /proc. A task that
// ran long because another program held a core says nothing about the page; a timing test asks
// this before it blames the code. On a machine without /proc, nothing is known: null.

import fs from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc's CPU times are in 1/100 s

// Machine-wide busy time (steal included: another virtual machine holding our core) and the CPU
// time of this process's tree, in clock ticks.
function snapshot() {
  const [user, nice, system, , , irq, softirq, steal = 0] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const parents = new Map();
  const times = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (name) "
      parents.set(Number(pid), Number(fields[1]));
      times.set(Number(pid), Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = (pid) => {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === process.pid) return true;
    return false;
  };
  let own = 0;
  for (const [pid, ticks] of times) if (ours(pid)) own += ticks;
  return { at: performance.now(), busy: user + nice + system + irq + softirq + steal, own };
}

// Starts watching, with a look every `everyMs`; the returned function stops and gives
// { otherCores, peakOtherCores }: the average number of cores other processes used meanwhile and
// the most they used in any one look's interval (a burst that an average over the whole watch
// hides); null without /proc.
export function watchMachineLoad(everyMs = 500) {
  if (!fs.existsSync('/proc/stat')) return () => null;
  const start = snapshot();
  let last = start;
  let peak = 0;
  const look = () => {
    const now = snapshot();
    peak = Math.max(peak, otherCores(last, now));
    last = now;
  };
  const timer = setInterval(look, everyMs);
  return () => {
    clearInterval(timer);
    look();
    const round = (x) => Math.round(x * 100) / 100;
    return { otherCores: round(otherCores(start, last)), peakOtherCores: round(peak) };
  };
}

// The cores other processes used on average between two snapshots.
function otherCores(from, to) {
  const ticks = ((to.at - from.at) / 1000) * CLOCK_TICKS;
  return ticks > 0 ? Math.max(0, to.busy - from.busy - (to.own - from.own)) / ticks : 0;
}
