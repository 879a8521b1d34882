// Turns pino JSON lines from the services into one readable line each for `npm start`'s merged output.
const levels = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const colours = { gateway: 36, inventory: 32, health: 35, lifecycle: 33, notifier: 34, simulator: 90 };

/** Nest's start-up inventory (modules loaded, routes mapped): useful when debugging one service, noise here. */
const quietContexts = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestMicroservice']);

/** One readable line, or null for a line not worth showing in the merged log. */
export function formatLine(service, line) {
  const tag = `\x1b[${colours[service] ?? 37}m${service.padEnd(9)}\x1b[0m`;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return `${tag} ${line}`;
  }
  if (typeof rec !== 'object' || rec === null || !('msg' in rec)) return `${tag} ${line}`;
  if (rec.level <= 30 && quietContexts.has(rec.context)) return null;
  const time = new Date(rec.time ?? Date.now()).toISOString().slice(11, 19);
  const ctx = rec.context ? `[${rec.context}] ` : '';
  const cid = rec.correlationId ? ` \x1b[90m(${String(rec.correlationId).slice(0, 8)})\x1b[0m` : '';
  const err = rec.err?.message ? ` - ${rec.err.message}` : '';
  return `${time} ${tag} ${levels[rec.level] ?? rec.level} ${ctx}${rec.msg}${err}${cid}`;
}

export function pipeLines(stream, service, write) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const formatted = line.trim() ? formatLine(service, line) : null;
      if (formatted !== null) write(formatted);
    }
  });
}
