// Child process of bench:concurrency: the original design's backend (its POST /api/appointments),
// here as the same JSON-RPC 2.0 over WebSocket at /rpc that the ClinicDesk host speaks, so that
// the very same clients drive both. Each call takes a connection from a node-postgres pool (one per
// client) and runs the note's transaction (bench/original-design.ts). No sign-in: the note has none.
// argv: postgresUrl poolSize. IPC: sends {ready, url}; answers {cpu} with this process's CPU ms.
import pg from 'pg'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { bookOriginal } from './original-design'
import { processCpuMs } from './process-cpu'

const [url, size] = process.argv.slice(2)
if (!url || !size) throw new Error('usage: original-server.ts postgresUrl poolSize')
// A DATE as the text it is ('2026-03-02'), not a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)
const pool = new pg.Pool({ connectionString: url, max: Number(size) })
// Open every connection now, so that no backend starts inside the measured window.
const warm = await Promise.all(Array.from({ length: Number(size) }, () => pool.connect()))
for (const c of warm) c.release()

const server = createServer()
const wss = new WebSocketServer({ server, path: '/rpc' })
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const req = JSON.parse(String(data)) as {
      id: number
      method: string
      params: { slotId: number; patientId: number }
    }
    void (async () => {
      const db = await pool.connect()
      try {
        const r = await bookOriginal(db, req.params.slotId, req.params.patientId)
        ws.send(
          JSON.stringify(
            r.ok
              ? { jsonrpc: '2.0', id: req.id, result: r.value }
              : {
                  jsonrpc: '2.0',
                  id: req.id,
                  error: { code: -32000, message: r.error.message, data: r.error },
                },
          ),
        )
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, error: { code: -32603, message } }))
      } finally {
        db.release()
      }
    })()
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as AddressInfo
process.on('message', (m: { type: string }) => {
  if (m.type === 'cpu') process.send!({ type: 'cpu', ms: processCpuMs() })
  if (m.type === 'stop') {
    wss.close()
    server.close()
    void pool.end().then(() => process.exit(0))
  }
})
process.send!({ type: 'ready', url: `ws://127.0.0.1:${port}/rpc` })
