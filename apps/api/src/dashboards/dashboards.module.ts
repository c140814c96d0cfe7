import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MongoModule } from '../mongo/mongo.module';
import { GetDashboardHttpController } from './get-dashboard/get-dashboard.http.controller';
import { GetDashboardQueryHandler } from './get-dashboard/get-dashboard.query-handler';

@Module({
  imports: [AuthModule, MongoModule],
  controllers: [GetDashboardHttpController],
  providers: [GetDashboardQueryHandler],
})
export class DashboardsModule {}
