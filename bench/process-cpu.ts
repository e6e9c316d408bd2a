/** CPU time (user + system, ms) this process has used since it started: all its threads included. */
export const processCpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
