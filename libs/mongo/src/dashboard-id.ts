/** A dashboard document's `_id`: the same `"<tenant_id>:<user_id>"` string as the Kafka record key. */
export function dashboardId(tenantId: number, userId: number): string {
  return `${tenantId}:${userId}`;
}
