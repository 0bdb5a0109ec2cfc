import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntitySwitch,
  hasCatalogProcessingErrors,
  isOrphan,
} from '@backstage/plugin-catalog';
import type { EntityContentLayoutProps } from '@backstage/plugin-catalog-react/alpha';

const useStyles = makeStyles(theme => ({
  warnings: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
    '&:empty': { display: 'none' },
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
  },
}));

/**
 * The entity overview: content cards on the left, info cards on the right,
 * under the catalog's orphan and processing-error warnings.
 *
 * Unlike the catalog's default layout it shows no "relations to entities
 * which can't be found" warning. With per-team permissions an entity a
 * caller may not read looks missing, so that warning listed another team's
 * cluster refs (e.g. on that team's group page) to anyone who may read the
 * group.
 */
export function EntityOverviewLayout(props: EntityContentLayoutProps) {
  const classes = useStyles();
  const info = props.cards.filter(card => card.type === 'info');
  const content = props.cards.filter(card => card.type !== 'info');
  return (
    <>
      <div className={classes.warnings}>
        <EntitySwitch>
          <EntitySwitch.Case if={isOrphan}>
            <EntityOrphanWarning />
          </EntitySwitch.Case>
        </EntitySwitch>
        <EntitySwitch>
          <EntitySwitch.Case if={hasCatalogProcessingErrors}>
            <EntityProcessingErrorsPanel />
          </EntitySwitch.Case>
        </EntitySwitch>
      </div>
      <Grid container spacing={3} alignItems="flex-start">
        <Grid item xs={12} md={info.length > 0 ? 8 : 12}>
          <div className={classes.column}>
            {content.map((card, index) => (
              <div key={card.element.key ?? index}>{card.element}</div>
            ))}
          </div>
        </Grid>
        {info.length > 0 && (
          <Grid item xs={12} md={4}>
            <div className={classes.column}>
              {info.map((card, index) => (
                <div key={card.element.key ?? index}>{card.element}</div>
              ))}
            </div>
          </Grid>
        )}
      </Grid>
    </>
  );
}
