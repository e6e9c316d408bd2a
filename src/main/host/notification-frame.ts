import type { PublishedEvent } from './event-bus'
import { messageOf } from './push'

/** JSON text of one event, as the JSON-RPC notification every socket allowed to see it receives. */
export type NotificationEncoder = (event: PublishedEvent) => string

/**
 * An encoder for one commit: each event is serialized the first time an audience needs it and
 * reused by every other audience that sees it too, so a payload is serialized once per commit
 * however many screens receive it.
 */
export function notificationEncoder(): NotificationEncoder {
  const texts = new Map<PublishedEvent, string>()
  return (published) => {
    let text = texts.get(published)
    if (text === undefined) {
      text = JSON.stringify({
        jsonrpc: '2.0',
        method: published.event,
        params: messageOf(published),
      })
      texts.set(published, text)
    }
    return text
  }
}

/**
 * One socket's frame for a commit (docs/API.md "Events"): a single notification when it sees one
 * event, else a JSON-RPC batch, an array of notifications in revision order. Joined as text, so
 * no payload is serialized again.
 *
 * @example
 * notificationFrame([created], encode) // '{"jsonrpc":"2.0","method":"appointment.created","params":{…,"rev":7}}'
 * notificationFrame([slots, created], encode) // '[{…"slots.changed"…},{…"appointment.created"…}]'
 */
export function notificationFrame(
  visible: readonly PublishedEvent[],
  encode: NotificationEncoder,
): string {
  return visible.length === 1 ? encode(visible[0]!) : `[${visible.map(encode).join(',')}]`
}
