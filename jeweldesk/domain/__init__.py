"""The store's vocabulary: records, statuses and their moves, money, the store calendar."""
