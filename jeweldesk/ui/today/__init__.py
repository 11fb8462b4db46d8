"""Today and Prepare the customer: what is due, and the promises at risk."""
