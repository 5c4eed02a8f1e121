import { invoke, requestConfluence, view } from '@forge/bridge';
import ForgeReconciler, { Button, Heading, List, ListItem, Text } from '@forge/react';
import React, { useEffect, useState } from 'react';

const App = () => {
  const [data, setData] = useState(null);
  const [space, setSpace] = useState(null);

  useEffect(() => {
    invoke('freshness').then(setData);
    view.getContext().then(async (context) => {
      const res = await requestConfluence(`/wiki/api/v2/spaces/${context.extension.space.id}`);
      setSpace(await res.json());
    });
  }, []);

  if (!data) {
    return <Text>Loading…</Text>;
  }
  return (
    <>
      <Heading size="medium">{space ? space.name : ''}: this page is {data.page} days old</Heading>
      <List type="unordered">
        {data.children.map((c) => (
          <ListItem key={c.title}>{`${c.title}: ${c.days} days`}</ListItem>
        ))}
      </List>
      {!data.ignored && data.page > data.threshold && <Button onClick={() => invoke('stamp')}>Mark stale</Button>}
    </>
  );
};

ForgeReconciler.render(<App />);
