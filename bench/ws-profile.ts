// npm run bench:ws-profile — the host's CPU per booking over WebSocket: a host in browser mode, N
// signed-in desks on their own sockets (in another process, so that process.cpuUsage is the
// host's alone), each booking different patients into bands nobody else books. Prints bookings/s,
// host CPU per booking over the measured window, and the top self-time frames of a CPU profile of
// a second window (the inspector's Profiler, in the host process). Last line:
// "ws booking host CPU: <ms> ms".
// Environment: BENCH_DESKS (8), BENCH_BOOKINGS (1500 per window), BENCH_PROFILE_OUT (a folder
// to keep the .cpuprofile in, for DevTools).
import { runBundled } from './run-bundled'

await runBundled('bench/ws-profile-run.ts', ['host'])
