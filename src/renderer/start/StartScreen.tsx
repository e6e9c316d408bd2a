/**
 * The browser-mode start page is the sign-in page: the gate around it signs the user in and
 * then sends them to their own screen (admin, reception, their doctor room, or the display).
 * Nothing here is ever shown to a signed-in user; the gate redirects first.
 */
export function StartScreen() {
  return null
}
