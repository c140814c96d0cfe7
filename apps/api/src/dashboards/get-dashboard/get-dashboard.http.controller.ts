import { Controller, Get, Header, NotFoundException, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { AuthUser } from '../../auth/claims';
import { JwtAuthGuard } from '../../auth/jwt-auth.guard';
import { GetDashboardQuery } from './get-dashboard.query';

@Controller('api/v1/dashboard')
@UseGuards(JwtAuthGuard)
export class GetDashboardHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  // Both adapters add "; charset=utf-8" to a text body; given here, Fastify would warn on each 404.
  @Header('Content-Type', 'application/json')
  async getDashboard(@CurrentUser() user: AuthUser): Promise<string> {
    const view = await this.queryBus.execute(new GetDashboardQuery(user.tenantId, user.userId));
    if (!view) throw new NotFoundException('no dashboard for this user');
    return view;
  }
}
