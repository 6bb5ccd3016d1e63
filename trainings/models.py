# Joint training of residents and professionals (Mijnbuurtje): see issue 7.
