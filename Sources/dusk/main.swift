print("dusk")
