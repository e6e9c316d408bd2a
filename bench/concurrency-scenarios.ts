// The three load shapes of bench:concurrency. Each makes a fresh pick for every run, seeded, so
// ClinicDesk and the original design meet the same sequence of choices.
import { seeded, type Pick } from './concurrency-clients'
import type { Band, Clinic } from './concurrency-clinic'

export interface Scenario {
  readonly name: string
  /** Every band the scenario books into, for the checks afterwards. */
  bands(clinic: Clinic): Band[]
  plan(clinic: Clinic, clients: number, calls: number): { pick: Pick; refused(band: Band): void }
  /** Bookings that must succeed, exactly (hot bands × quota 5: every place, no more). */
  readonly exactly?: (clinic: Clinic) => number
}

const random = (bands: readonly Band[], rng: () => number): Band =>
  bands[Math.floor(rng() * bands.length)]!

export const SCENARIOS: readonly Scenario[] = [
  {
    // Everyone after the last places: clients pick among the bands not yet known full, and learn
    // a band is full from its SLOT_TAKEN, until none is left. Bookings/s = 100 / time to sell out.
    name: 'hot 20 × quota 5',
    bands: (clinic) => clinic.hot5,
    exactly: (clinic) => clinic.hot5.reduce((n, b) => n + b.quota, 0),
    plan: (clinic) => {
      const rng = seeded(5)
      const full = new Set<number>()
      return {
        pick: () => {
          const open = clinic.hot5.filter((b) => !full.has(b.slotId))
          return open.length > 0 ? random(open, rng) : null
        },
        refused: (band) => void full.add(band.slotId),
      }
    },
  },
  {
    name: 'hot 20 × quota 100',
    bands: (clinic) => clinic.hot100,
    plan: (clinic, _clients, calls) => {
      const rng = seeded(100)
      let issued = 0
      return {
        pick: () => (issued++ < calls ? random(clinic.hot100, rng) : null),
        refused: () => {},
      }
    },
  },
  {
    // Client i books only doctor i + 1's bands, in turn: no row is ever wanted by two clients.
    name: 'uncontended',
    bands: (clinic) => clinic.uncontended.flat(),
    plan: (clinic, clients, calls) => {
      if (clients > clinic.uncontended.length)
        throw new Error(
          `uncontended needs a doctor per client: at most ${clinic.uncontended.length}`,
        )
      let issued = 0
      const turn = new Array<number>(clients).fill(0)
      return {
        pick: (c) => (issued++ < calls ? clinic.uncontended[c]![turn[c]!++ % 20]! : null),
        refused: () => {},
      }
    },
  },
]
