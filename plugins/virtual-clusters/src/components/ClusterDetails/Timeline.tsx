import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { VirtualClusterEvent } from '@virtual-clusters/plugin-virtual-clusters-common';

/** The lifecycle timeline of a virtual cluster, newest first. */
export function Timeline(props: { events: VirtualClusterEvent[] }) {
  const events = [...props.events].reverse();
  return (
    <InfoCard title="Timeline">
      <List dense>
        {events.map(e => (
          <ListItem key={e.id} divider>
            <ListItemText
              primary={e.message}
              secondary={`${new Date(e.createdAt).toLocaleString()} · ${
                e.type
              }${e.phase ? ` · ${e.phase}` : ''}${
                e.actor ? ` · ${e.actor}` : ''
              }`}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
