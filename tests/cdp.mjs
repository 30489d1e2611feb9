// A minimal Chrome DevTools protocol client for headless Chromium, with no npm package and no WebSocket global
// (Debian 12's Node 18 has none): the WebSocket handshake over node:http and RFC 6455 framing by hand (client
// frames masked, text frames only, continuation frames joined, pings answered). Used by tests/workbench_drive.mjs
// and bench/load_time.mjs.
//
//   const browser = await launch();                   // chromium --headless with a fresh profile
//   const tab = await browser.newTab();               // { send(method, params), event(name) }
//   await tab.send('Page.navigate', { url });
//   browser.close();
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Opens ws://HOST:PORT/PATH; calls onMessage(text) for each message. Returns { send(text), close() }.
function connect(url, onMessage) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      hostname, port, path: pathname,
      headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => reject(new Error('no WebSocket upgrade: HTTP ' + res.statusCode)));
    req.on('upgrade', (res, socket) => {
      let buffer = Buffer.alloc(0);
      let parts = [];
      function frame(opcode, payload) {
        const mask = randomBytes(4);
        const n = payload.length;
        const head = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n])
          : n < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 255])
            : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => {
              const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b;
            })()]);
        const body = Buffer.from(payload);
        for (let i = 0; i < body.length; ++i) body[i] ^= mask[i & 3];
        socket.write(Buffer.concat([head, mask, body]));
      }
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          if (buffer.length < 2) return;
          const fin = buffer[0] & 0x80, opcode = buffer[0] & 0x0f;
          let n = buffer[1] & 0x7f, at = 2;
          if (n === 126) { if (buffer.length < 4) return; n = buffer.readUInt16BE(2); at = 4; }
          else if (n === 127) { if (buffer.length < 10) return; n = Number(buffer.readBigUInt64BE(2)); at = 10; }
          if (buffer.length < at + n) return;
          const payload = buffer.subarray(at, at + n);
          buffer = buffer.subarray(at + n);
          if (opcode === 0x9) { frame(0xA, payload); continue; }  // ping → pong
          if (opcode === 0x8) { socket.end(); return; }           // close
          if (opcode === 0x1 || opcode === 0x0) {
            parts.push(Buffer.from(payload));
            if (fin) { const text = Buffer.concat(parts).toString('utf8'); parts = []; onMessage(text); }
          }
        }
      });
      resolve({ send: (text) => frame(0x1, Buffer.from(text, 'utf8')), close: () => socket.destroy() });
    });
    req.end();
  });
}

// Starts headless Chromium on a fresh profile and connects to it.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'isnad-cdp-'));
  const chromium = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--remote-debugging-port=0', '--user-data-dir=' + profile, 'about:blank'], { stdio: 'ignore' });
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 600 && !existsSync(portFile); ++i) await sleep(50);
  await sleep(50);  // the file is written in two lines
  const [port, path] = readFileSync(portFile, 'utf8').split('\n');
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  const ws = await connect('ws://127.0.0.1:' + port + path, (text) => {
    const msg = JSON.parse(text);
    if (msg.id && pending.has(msg.id)) {
      const { ok, fail } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) fail(new Error(msg.error.message)); else ok(msg.result);
    } else {
      for (const l of listeners.slice()) l(msg);
    }
  });
  function send(method, params = {}, sessionId) {
    const id = nextId++;
    ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((ok, fail) => pending.set(id, { ok, fail }));
  }
  function event(name, sessionId) {
    return new Promise((ok) => {
      const l = (msg) => {
        if (msg.method === name && msg.sessionId === sessionId) {
          listeners.splice(listeners.indexOf(l), 1);
          ok(msg.params);
        }
      };
      listeners.push(l);
    });
  }
  return {
    async newTab() {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      return {
        send: (method, params) => send(method, params, sessionId),
        event: (name) => event(name, sessionId),
        close: () => send('Target.closeTarget', { targetId }),
      };
    },
    close() {
      ws.close();
      chromium.kill();
      setTimeout(() => rmSync(profile, { recursive: true, force: true }), 300);
    },
  };
}
