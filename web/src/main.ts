document.getElementById("app")!.textContent = "Seawarden";
