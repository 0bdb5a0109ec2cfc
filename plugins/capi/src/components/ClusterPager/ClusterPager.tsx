import TablePagination from '@material-ui/core/TablePagination';

/**
 * Previous / next page of a paged list ("26–50 of 2000"); nothing when it
 * all fits on one page.
 */
export function ClusterPager(props: {
  /** What is paged, for screen readers: "clusters", "machines of x". */
  label: string;
  total: number;
  offset: number;
  pageSize: number;
  onOffsetChange: (offset: number) => void;
}) {
  const { total, offset, pageSize } = props;
  if (total <= pageSize && offset === 0) return null;
  return (
    <TablePagination
      component="div"
      aria-label={`Pages of ${props.label}`}
      count={total}
      page={Math.floor(offset / pageSize)}
      rowsPerPage={pageSize}
      rowsPerPageOptions={[]}
      onPageChange={(_event, page) => props.onOffsetChange(page * pageSize)}
    />
  );
}
