import { Query } from '@nestjs/cqrs';

/** The stored view of one user's dashboard as JSON text, or null when the user has none. */
export class GetDashboardQuery extends Query<string | null> {
  constructor(
    readonly tenantId: number,
    readonly userId: number,
  ) {
    super();
  }
}
