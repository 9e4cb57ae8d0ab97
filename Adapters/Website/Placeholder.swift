// Website
