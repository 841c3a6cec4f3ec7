// A misbehaving HTTP proxy in front of s3rver or Azurite for the object-storage
// integration tests: logs every request line, and in its modes fails requests
// the way real services and networks do, so the client's retries, resumed
// reads and cleanup can be checked deterministically.
//   node objstore_proxy.mjs LISTEN_PORT TARGET_PORT MODE LOGFILE
// MODE: pass     — forward everything
//       flaky    — each distinct request first gets 503 SlowDown, then a reset
//                  connection, then goes through; the first GET of each URL
//                  with a large body is cut off after 1 MiB
//       failpart — uploads of part/block number 2 always get 500 InternalError
//       down     — every connection is reset
//       norange  — Range headers are dropped, so whole objects come back (200)
//       region   — as AWS for a bucket in eu-central-1: a request signed for
//                  another region gets 400 AuthorizationHeaderMalformed
//                  naming the bucket's region
import http from 'node:http';
import fs from 'node:fs';

const [listenPort, targetPort, mode, logFile] = process.argv.slice(2);
const log = fs.openSync(logFile, 'a');
const seen = new Map();
const cut = new Set();

function reply(req, res, status, code, extra = '') {
  req.resume();
  req.on('end', () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code>` +
      `<Message>injected by objstore_proxy</Message>${extra}</Error>`;
    res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': body.length,
      'x-ms-error-code': code });
    res.end(body);
  });
}

const server = http.createServer((req, res) => {
  fs.writeSync(log, `${req.method} ${req.url}\n`);
  const key = `${req.method} ${req.url} ${req.headers.range || ''} ${req.headers['x-ms-range'] || ''}`;
  const n = (seen.get(key) || 0) + 1;
  seen.set(key, n);
  if (mode === 'down') {
    req.socket.destroy();
    return;
  }
  if (mode === 'flaky' && n === 1) {
    reply(req, res, 503, 'SlowDown');
    return;
  }
  if (mode === 'flaky' && n === 2) {
    req.socket.destroy();
    return;
  }
  if (mode === 'failpart' && req.method === 'PUT' &&
      (/[?&]partNumber=2(&|$)/.test(req.url) || /[?&]blockid=/.test(req.url) &&
       Buffer.from(decodeURIComponent(req.url.match(/blockid=([^&]*)/)[1]), 'base64')
         .toString().endsWith('-0000001'))) {
    reply(req, res, 500, 'InternalError');
    return;
  }
  if (mode === 'region' &&
      !(req.headers.authorization || '').includes('/eu-central-1/s3/aws4_request')) {
    reply(req, res, 400, 'AuthorizationHeaderMalformed', '<Region>eu-central-1</Region>');
    return;
  }
  if (mode === 'norange') {
    delete req.headers.range;
  }
  const up = http.request({ host: '127.0.0.1', port: targetPort, method: req.method,
    path: req.url, headers: req.headers }, (pres) => {
    const len = Number(pres.headers['content-length'] || 0);
    if (mode === 'flaky' && req.method === 'GET' && len > (1 << 20) && !cut.has(req.url) &&
        pres.statusCode < 300) {
      cut.add(req.url);
      res.writeHead(pres.statusCode, pres.headers);
      let sent = 0;
      pres.on('data', (d) => {
        if (sent >= (1 << 20)) return;
        res.write(d);
        sent += d.length;
        if (sent >= (1 << 20)) {
          pres.destroy();
          res.socket.destroy();
        }
      });
      return;
    }
    res.writeHead(pres.statusCode, pres.headers);
    pres.pipe(res);
  });
  up.on('error', () => res.socket && res.socket.destroy());
  req.pipe(up);
});
server.listen(Number(listenPort), '127.0.0.1');
