import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dashboardId, type ActiveCollectionFollower, type DashboardDocument } from '@app/mongo';
import { DASHBOARDS } from '../../mongo/mongo.tokens';
import { GetDashboardQuery } from './get-dashboard.query';

/** One primary-key lookup in the active collection; the view is served exactly as the projector stored it. */
@QueryHandler(GetDashboardQuery)
export class GetDashboardQueryHandler implements IQueryHandler<GetDashboardQuery, string | null> {
  constructor(@Inject(DASHBOARDS) private readonly dashboards: ActiveCollectionFollower<DashboardDocument>) {}

  async execute({ tenantId, userId }: GetDashboardQuery): Promise<string | null> {
    const found = await this.dashboards
      .collection()
      .findOne({ _id: dashboardId(tenantId, userId) }, { projection: { _id: 0, view_json: 1 } });
    return found?.view_json ?? null;
  }
}
