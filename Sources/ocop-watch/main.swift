print("ocop")
