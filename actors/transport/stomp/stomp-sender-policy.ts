/**
 * Who may send what on the commands queue, by the sender identity the
 * broker vouches for. The queue is shared by every agent, and broker ACLs
 * check destinations, not contents: without this an agent's account could
 * send facts or reports naming another node.
 */
export interface StompSenderPolicy {
  /**
   * The header in which the broker states the authenticated sender:
   * `JMSXUserID` on ActiveMQ with `populateJMSXUserID="true"` (it
   * overwrites whatever the client sent), `user-id` on RabbitMQ (it refuses
   * a message whose `user-id` is not the sender's login). A header the
   * broker does not vouch for is the sender's own word: do not name it.
   */
  readonly header: string;
  /**
   * Accounts that may send any command (Troupe's own, a puppetserver
   * producing over STOMP). Every other sender may send only PuppetDB
   * commands whose certname is its login.
   */
  readonly trusted: ReadonlySet<string>;
}

/**
 * Why a message sent with `headers` is refused under `policy`; null when
 * its sender may send it. `certname` is the node a PuppetDB command names,
 * or null for a Troupe event (`code_deployed`, `catalog_requested`, …),
 * which is operators' business: trusted senders only.
 */
export function senderRefusal(headers: Readonly<Record<string, string>>, certname: string | null, policy: StompSenderPolicy): string | null {
  const sender = headers[policy.header];
  if (sender === undefined || sender === '') return `no sender identity: the broker did not set the ${policy.header} header`;
  if (policy.trusted.has(sender)) return null;
  if (certname === null) return `sender ${sender} may send only its own node's PuppetDB commands, not Troupe events`;
  if (certname !== sender) return `sender ${sender} may not send commands for ${certname}`;
  return null;
}
